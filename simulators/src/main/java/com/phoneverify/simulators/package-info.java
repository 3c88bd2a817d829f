/**
 * Standalone launcher of the simulated outside world for development and the devstack.
 */
@NullMarked
package com.phoneverify.simulators;

import org.jspecify.annotations.NullMarked;
