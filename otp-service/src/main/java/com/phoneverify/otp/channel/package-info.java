/**
 * Which back-office operation may be done on which channel: the seed's availability table
 * (가능 여부), configurable, enforced before any operation runs.
 */
@NullMarked
package com.phoneverify.otp.channel;

import org.jspecify.annotations.NullMarked;
