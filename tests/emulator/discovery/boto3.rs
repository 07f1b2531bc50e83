//! boto3's marketplace-discovery client (rest-json) against the emulator: a private offer's
//! Discovery view exists for its buyer and for nobody else.
