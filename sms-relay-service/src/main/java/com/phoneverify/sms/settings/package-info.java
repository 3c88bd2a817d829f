/** The service's one configuration record. */
@NullMarked
package com.phoneverify.sms.settings;

import org.jspecify.annotations.NullMarked;
