"""
The one error of bad content: every loader raises it, naming the file and the key path.
"""


class ContentError(ValueError):
    """
    A content file is invalid.

    Args:
        source (str): The file's name ("war.yaml").
        path (str): Where in the file, as dotted keys ("front.hold"); empty for the file.
        problem (str): What is wrong, as a phrase that follows the path ("is missing").
    """

    def __init__(self, source, path, problem):
        self.source, self.path, self.problem = source, path, problem
        super().__init__(f"{source}: {path} {problem}" if path else f"{source}: {problem}")
