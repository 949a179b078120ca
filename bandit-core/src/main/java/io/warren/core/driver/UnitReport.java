package io.warren.core.driver;

import io.warren.core.example.Example;
import java.io.IOException;
import java.util.List;

/** What the driver does with each learned example: statistics, the prediction line, the table row. */
interface UnitReport {
    void finish(List<Example> seq) throws IOException;
}
