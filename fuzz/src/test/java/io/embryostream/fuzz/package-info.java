/**
 * The fuzz campaign (issue 19): seeded, structure-aware malformed inputs over every input path, each
 * checked against one invariant — published, or reported with a reason that names it, the exit code
 * saying so, nothing around it lost. Uses the production ingest and classifier through their public
 * APIs and the synthetic writers for the inputs it mutates; nothing here ships.
 */
package io.embryostream.fuzz;
