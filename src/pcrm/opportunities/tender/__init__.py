"""The tender (招标信息) and the bid (投标): the scoring sheet, vendors, estimated scores, quote
rounds, pricing and the bid workspace."""
