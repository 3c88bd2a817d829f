/**
 * {@code ArsProperties}, the service's one {@code @ConfigurationProperties} record
 * (prefix {@code ars}). A package of its own that depends on no other package of the
 * service, so every package's configuration can read it without a package cycle.
 */
@NullMarked
package com.phoneverify.ars.settings;

import org.jspecify.annotations.NullMarked;
