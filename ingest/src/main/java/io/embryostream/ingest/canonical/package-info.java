/**
 * The one preprocessing path from a vendor's picture to the canonical frame: locate the embryo (Hough circle,
 * tracked over time), crop, scale to 256x256 gray8. Uses only {@code schemas}' frame geometry and OpenCV.
 */
package io.embryostream.ingest.canonical;
