/**
 * Events of 2-WAY transfers: the recipient's SMS reply to a consent request
 * ({@code consent-replied}), keyed by the transfer id.
 */
@NullMarked
package com.phoneverify.contracts.transfer;

import org.jspecify.annotations.NullMarked;
