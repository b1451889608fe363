package io.playball.groups.parking;

/** The dead-letter topic cannot be read or the record cannot be sent back: the broker did not answer in time. */
public class ParkingUnavailableException extends RuntimeException {

    public ParkingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
