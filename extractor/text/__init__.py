"""Text primitives every stage shares, below all of them: Chinese numerals (``numerals``), numbering markers
(``numbering``), and the 文号, date, page-number and title patterns (``patterns``).

Pure string functions over ``regex``; they import nothing from the package but ``records``.
"""
