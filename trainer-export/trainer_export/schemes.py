"""Class lists of the staging schemes, in index order.

They mirror io.embryostream.staging.StagingScheme; a trained model carries its list in model.json, so
the Java side never needs this table. labels.csv holds class names, mapped to indices here.
"""

SCHEMES = {
    "pronuclear-3": ("pre-PB2", "PB2", "PN"),
    "gomez-16": ("tPB2", "tPNa", "tPNf", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9+",
                 "tM", "tSB", "tB", "tEB", "tHB"),
}

# labels.csv column holding each scheme's label.
LABEL_COLUMNS = {"pronuclear-3": "pronuclear3", "gomez-16": "gomez16"}


class UnknownSchemeError(ValueError):
    pass


def class_names(scheme):
    try:
        return SCHEMES[scheme]
    except KeyError:
        raise UnknownSchemeError(
            f"unknown staging scheme '{scheme}'; known: {', '.join(SCHEMES)}") from None
