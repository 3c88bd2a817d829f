/**
 * The services' HTTP servers: a mend for reactor-netty that every service needs
 * ({@link com.phoneverify.messaging.web.KeepAliveReads}).
 */
@NullMarked
package com.phoneverify.messaging.web;

import org.jspecify.annotations.NullMarked;
