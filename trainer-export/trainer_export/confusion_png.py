"""Confusion matrix as a PNG (PIL only): rows = truth, columns = prediction, shaded by row share."""
import numpy as np
from PIL import Image, ImageDraw, ImageFont

CELL = 34
MARGIN = 64


def write_confusion_png(matrix, class_names, path, title):
    m = np.asarray(matrix, dtype=np.float64)
    n = len(class_names)
    share = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    size = MARGIN + n * CELL + 8
    image = Image.new("RGB", (size, size + 20), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.text((4, 4), title, fill="black", font=font)
    top = MARGIN + 20
    for i, name in enumerate(class_names):
        draw.text((4, top + i * CELL + CELL // 3), name, fill="black", font=font)
        draw.text((MARGIN + i * CELL + 2, top - 14), name[:5], fill="black", font=font)
        for j in range(n):
            shade = int(255 * (1 - share[i, j]))
            x, y = MARGIN + j * CELL, top + i * CELL
            draw.rectangle([x, y, x + CELL - 1, y + CELL - 1], fill=(shade, shade, 255), outline="gray")
            if m[i, j]:
                draw.text((x + 3, y + CELL // 3), str(int(m[i, j])), fill="black" if shade > 120 else "white",
                          font=font)
    image.save(path)
