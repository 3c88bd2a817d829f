/**
 * The merchant HTTP API's signing scheme, shared by the gateway (verifies), the load
 * driver and any Java client (signs): HMAC-SHA256 over method, path, timestamp, nonce and
 * body digest.
 */
@NullMarked
package com.phoneverify.contracts.http;

import org.jspecify.annotations.NullMarked;
