/**
 * The merchant-facing outcome of any verification, in the one status vocabulary all
 * products share.
 */
@NullMarked
package com.phoneverify.contracts.verification;

import org.jspecify.annotations.NullMarked;
