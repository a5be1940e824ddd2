/**
 * Online monotone decoding of frame-wise probabilities into provisional stages and confirmed
 * transitions (Viterbi over a confirmation lag). Pure computation: depends on nothing else of the classifier.
 */
package io.embryostream.classifier.decode;
