package io.dtaas.connect;

/**
 * How a destination takes a change stream ({@link Destination#changeApplication()}): the destination declares it,
 * the change-capture engine picks the sink that does it, so no code outside the connectors asks which destination
 * type it writes to.
 */
public enum ChangeApplication {
    /** Deletes and upserts by primary key in the destination's transactions (databases). */
    BY_KEY,
    /** Changes staged as files, then merged by key in one statement (warehouses). */
    STAGED_MERGE,
    /** A change log: files with the operation, source time and position of every change (object stores, files). */
    CHANGE_FILES
}
