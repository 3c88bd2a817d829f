/**
 * HTTP errors as RFC 9457 problem details: one exception type that the features throw,
 * and one handler that renders it and every framework error as
 * {@code application/problem+json}.
 */
@NullMarked
package com.phoneverify.gateway.web;

import org.jspecify.annotations.NullMarked;
