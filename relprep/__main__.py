"""`python -m relprep` behaves exactly like the `relprep` console script."""

from relprep.cli import main

raise SystemExit(main())
