/** The service's one configuration record. */
@NullMarked
package com.phoneverify.transfer.settings;

import org.jspecify.annotations.NullMarked;
