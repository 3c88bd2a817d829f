/**
 * Group commit: concurrent writes that would each be a transaction of their own are
 * gathered into one statement, without a timer and without blocking, so that the database
 * commits (and fsyncs) once for many requests.
 */
@NullMarked
package com.phoneverify.gateway.verification.batch;

import org.jspecify.annotations.NullMarked;
