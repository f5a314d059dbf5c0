"""Frameworks: MOF (with MOT parity), OSAID 1.0, the EU AI Act Art. 53(2) pre-check,
open-washing signals and base-model lineage. Rules are data (``data/*.yaml``, each with its
source and version); predicates are small typed functions run by ``engine``."""
