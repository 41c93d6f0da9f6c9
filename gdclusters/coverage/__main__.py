"""`python -m gdclusters.coverage [DATA_DIR] [--lang zh]`: print the coverage grid of a data folder."""

import sys

from gdclusters.coverage.cli import main

sys.exit(main())
