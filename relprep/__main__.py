"""`python -m relprep` behaves exactly like the `relprep` console script."""

from relprep.launch import main

raise SystemExit(main())
