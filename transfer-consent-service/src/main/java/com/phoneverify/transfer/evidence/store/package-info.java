/** The evidence chain on PostgreSQL (R2DBC). */
@NullMarked
package com.phoneverify.transfer.evidence.store;

import org.jspecify.annotations.NullMarked;
