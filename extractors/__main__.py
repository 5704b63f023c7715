import sys

from extractors.cli import main

sys.exit(main())
