/**
 * The merchant-facing outcome of any verification, in the one status vocabulary all
 * products share.
 */
package com.phoneverify.contracts.verification;
