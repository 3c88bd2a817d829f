/**
 * An in-memory stand-in for the inter-institution OTP registry, used in development,
 * devstack and tests. It holds the devices vendors issued (with their seeds) and plays
 * the other institutions' side, so tests can register a device elsewhere or recover it
 * there.
 */
@NullMarked
package com.phoneverify.otp.registry.simulator;

import org.jspecify.annotations.NullMarked;
