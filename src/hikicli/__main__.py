import sys

from hikicli.entry import main

sys.exit(main())
