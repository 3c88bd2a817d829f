/** The service's one configuration record, {@code otp.*}. */
@NullMarked
package com.phoneverify.otp.settings;

import org.jspecify.annotations.NullMarked;
