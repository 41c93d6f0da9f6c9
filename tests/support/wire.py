"""A loopback TCP relay that counts the bytes a server sends: what a first visit costs on the wire.

DevTools reports HTTP bodies as transferred but websocket frames only after permessage-deflate is undone, so
its websocket figure overstates the wire. The browser connects to the relay instead of the server; the relay
passes every byte through unchanged and counts the TCP payload in each direction (HTTP headers and bodies,
websocket frames as compressed, TLS not involved on loopback; TCP/IP headers not counted).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading

CHUNK = 64 * 1024


class WireTap:
    """Relay 127.0.0.1:<port> -> 127.0.0.1:<target_port>, counting bytes; start() returns once it listens."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.downstream = 0  # server -> browser
        self.upstream = 0  # browser -> server
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wire-tap", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> WireTap:
        self._thread.start()
        if not self._listening.wait(10):
            raise RuntimeError("wire tap: did not start listening")
        return self

    def reset(self) -> tuple[int, int]:
        """Return (downstream, upstream) bytes so far and start again from zero."""
        counted = (self.downstream, self.upstream)
        self.downstream = self.upstream = 0
        return counted

    def stop(self) -> None:
        """Close the listener and every relayed connection, then end the thread."""
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        relays = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in relays:
            task.cancel()
        await asyncio.gather(*relays, return_exceptions=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = self._server.sockets[0].getsockname()[1]
        self._listening.set()
        self._loop.run_forever()

    async def _relay(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            self._pipe(client_reader, server_writer, downstream=False),
            self._pipe(server_reader, client_writer, downstream=True),
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, downstream: bool) -> None:
        try:
            while data := await reader.read(CHUNK):
                if downstream:
                    self.downstream += len(data)
                else:
                    self.upstream += len(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()
