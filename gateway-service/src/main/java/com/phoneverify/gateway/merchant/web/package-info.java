/** The local administration API ({@code /admin/v1/merchants}), behind a bearer token. */
@NullMarked
package com.phoneverify.gateway.merchant.web;

import org.jspecify.annotations.NullMarked;
