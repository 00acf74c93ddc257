"""gray_pages: a PDF's pages drawn in grey by pdftoppm and read back, for
the checks that measure where ink lies (tests/e2e/ink_box.py,
page_geometry.py and print_check.py).
"""
import os
import subprocess
import tempfile

# A grey byte mapped to 1 when it is ink (darker than 200), else to 0:
# a row's first and last inked pixels are then a find() and rfind() of 1.
DARK = bytes(1 if v < 200 else 0 for v in range(256))


def gray_pages(pdf, dpi):
    """Returns, for each page of pdf drawn in grey at dpi, (w, h, ink):
    ink its w * h pixels row after row, 1 where inked, else 0.  Raises
    subprocess.CalledProcessError when pdftoppm cannot read pdf."""
    pages = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf,
                        os.path.join(tmp, "p")], check=True)
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                data = f.read()
            # "P5\nW H\n255\n" then W * H bytes.
            fields = data.split(maxsplit=4)
            w, h = int(fields[1]), int(fields[2])
            pages.append((w, h, data[len(data) - w * h:].translate(DARK)))
    return pages
