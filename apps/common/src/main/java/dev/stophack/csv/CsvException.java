package dev.stophack.csv;

/** A CSV file that cannot be used at all: missing, empty, or without a needed column. */
public class CsvException extends RuntimeException {
    public CsvException(String message) {
        super(message);
    }
}
