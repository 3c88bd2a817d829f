/**
 * Small reactive building blocks: a drain loop that never loses a wake-up, a periodic
 * purge.
 */
@NullMarked
package com.phoneverify.messaging.support;

import org.jspecify.annotations.NullMarked;
