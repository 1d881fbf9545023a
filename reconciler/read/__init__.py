"""Reading articles: listing, decoding, HTML main text, metadata, boilerplate."""
