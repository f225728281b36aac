package io.dtaas.validate;

import io.dtaas.connect.Source;
import io.dtaas.connect.TableDigests;
import io.dtaas.data.TableSchema;

/**
 * One end of a comparison: a table as that end describes it, read through its connector's source (a destination
 * database is read as a source) and checksummed by its digests.
 */
record TableEnd(Source reader, TableDigests digests, TableSchema schema) {
}
