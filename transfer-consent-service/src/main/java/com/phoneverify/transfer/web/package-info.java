/**
 * The HTTP API of the business server: the remitter's bank channel requests, reads and
 * cancels transfers; evidence and its public key; the monthly counts; and opening
 * accounts (an operator's route, for development and the walk-through). Errors are RFC
 * 9457 problem details.
 */
@NullMarked
package com.phoneverify.transfer.web;

import org.jspecify.annotations.NullMarked;
