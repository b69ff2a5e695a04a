"""Badges issued elsewhere that a learner adds to the backpack, kept byte for byte."""
