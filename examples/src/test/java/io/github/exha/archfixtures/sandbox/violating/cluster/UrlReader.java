package io.github.exha.archfixtures.sandbox.violating.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;

/** Violation: a URL connection (file:, http:) from the model. */
public class UrlReader {
    public InputStream read(URL url) throws IOException {
        return url.openStream();
    }
}
