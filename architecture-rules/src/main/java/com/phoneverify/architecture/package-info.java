/**
 * The ArchUnit rules shared by every service: no package cycles, a domain free of
 * protocol and framework types, and contracts free of Spring.
 */
@NullMarked
package com.phoneverify.architecture;

import org.jspecify.annotations.NullMarked;
