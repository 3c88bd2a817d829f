/**
 * The scenario engine: scripts defined as data (play, gather, hang up) run against a
 * call's media, with the words in the definitions and never in code.
 */
@NullMarked
package com.phoneverify.ars.scenario;

import org.jspecify.annotations.NullMarked;
