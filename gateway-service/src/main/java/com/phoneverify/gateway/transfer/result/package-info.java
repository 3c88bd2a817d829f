/** The edge between {@code transfer-completed} and the transfer feature. */
@NullMarked
package com.phoneverify.gateway.transfer.result;

import org.jspecify.annotations.NullMarked;
