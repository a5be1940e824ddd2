/**
 * The synthetic embryo: a timing model fitted to 524 real annotations, timelines sampled from it or replayed
 * from real phase files, and the renderer that draws a timeline at any hour and focal plane. Uses only
 * {@code schemas}; the dev mains (fitter, strips, benchmark) live here too.
 */
package io.embryostream.synthetic.embryo;
