package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.IOException;
import java.net.Socket;

/** Violation: a network connection from the model. */
public class SocketOpener {
    public Socket open(String host) throws IOException {
        return new Socket(host, 445);
    }
}
