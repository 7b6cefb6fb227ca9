package dev.osimages.engine.dockerfile;

/** One instruction's text after joining continued lines: its first line, keyword and the rest. */
record LogicalLine(int line, String keyword, String rest) {}
