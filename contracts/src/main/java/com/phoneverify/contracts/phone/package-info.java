/**
 * Phone numbers as personal data: one type that parses, normalises to E.164 and masks, so
 * every service shows a number the same way and none prints it in clear.
 */
@NullMarked
package com.phoneverify.contracts.phone;

import org.jspecify.annotations.NullMarked;
