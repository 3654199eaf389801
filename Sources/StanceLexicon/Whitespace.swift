extension ArraySlice where Element == Unicode.Scalar {
    /// Without leading and trailing white space. Indices are kept, so they still give columns.
    var trimmingWhitespace: ArraySlice<Unicode.Scalar> {
        guard let start = firstIndex(where: { !$0.properties.isWhitespace }),
              let end = lastIndex(where: { !$0.properties.isWhitespace })
        else { return self[endIndex...] }
        return self[start...end]
    }
}

extension String {
    /// Without leading and trailing white space (Unicode's, so a no-break space from a spreadsheet too).
    var trimmingWhitespace: String {
        String(String.UnicodeScalarView(ArraySlice(unicodeScalars).trimmingWhitespace))
    }
}
