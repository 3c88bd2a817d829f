/**
 * Merchants and credentials on PostgreSQL (R2DBC): the adapter of {@code MerchantStore}.
 */
@NullMarked
package com.phoneverify.gateway.merchant.store;

import org.jspecify.annotations.NullMarked;
