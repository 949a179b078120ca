package io.warren.core.driver;

import io.warren.core.example.Example;
import java.io.IOException;
import java.util.List;

/**
 * What the driver does after each example has been through the stack (VW's update_stats,
 * output_example_prediction and print_update of the top reduction). {@code unit} is the example as
 * read: the lines of a multi-line example, or the one line of a single-line one.
 */
interface ExampleReport {
    void finish(List<Example> unit) throws IOException;
}
