/** The merchant API of transfers; every request is signed. */
@NullMarked
package com.phoneverify.gateway.transfer.web;

import org.jspecify.annotations.NullMarked;
