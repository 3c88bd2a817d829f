/** Topic declarations from configuration: each topic declared by its producer only. */
@NullMarked
package com.phoneverify.messaging.topic;

import org.jspecify.annotations.NullMarked;
